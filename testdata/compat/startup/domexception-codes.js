return ["AbortError", "NotFoundError", "SyntaxError", "DataCloneError", "OperationError", "Custom"].map((n) => [n, new DOMException("x", n).code]);
