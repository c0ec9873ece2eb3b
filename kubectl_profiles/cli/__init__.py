"""`kubectl profiles`: click commands. Parse -> build -> execute -> report; output formats live in output.py."""
