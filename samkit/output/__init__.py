"""Formatters and writers, apart from the commands: text, json, github, sarif, csv, markdown."""
