"""One screen per file: Load (the form), Trace (live), Result, Explain, Report."""
