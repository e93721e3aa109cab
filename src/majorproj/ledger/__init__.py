"""The ledger: files → validated models, with every problem at its file:line:column."""
