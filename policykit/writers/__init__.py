"""Writers: turn extracted documents into files (JSON now; Word sheets later)."""
