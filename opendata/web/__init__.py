"""The staff's desk in the browser (opendata serve)."""
