"""What a calculation found, as plain frozen values: the vocabulary the appraisal hands to
the renderers. Nothing here computes, reads files or draws, so a renderer that imports only
this package (and `model` for units) cannot compute a figure of its own."""
