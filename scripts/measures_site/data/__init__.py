"""Read and check: the editors' files (YAML) -> the validated model, every problem at its line and column; the model's schemas."""
