"""The HTTP contract both builds serve: inputs, representations, errors, paging and limits."""
