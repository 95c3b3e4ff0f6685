"""The spaCy side several stages share: loading the model, questions about the parse, quoted
regions, and the gazetteer of known names."""
