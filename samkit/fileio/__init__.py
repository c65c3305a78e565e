"""Files in and out, one way each: inputs opened safely, outputs written atomically."""
