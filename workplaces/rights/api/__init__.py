"""The rights API doors (union host, and the federation's coverage views): parse, call one
service or selector, shape the answer."""
