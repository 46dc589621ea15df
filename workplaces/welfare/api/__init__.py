"""The welfare API doors (union host, and the federation's hardship views): parse, call one
service or selector, shape the answer."""
