"""The document model, below every stage: the article that comes in (`article`), the layer types
the stages add (`layers`) and the spaCy Doc that carries them (`doc`)."""
