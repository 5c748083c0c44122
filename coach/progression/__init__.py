"""How plans change as people live with them: the rules (pure) that turn logs and check-ins into decisions."""
