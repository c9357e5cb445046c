"""Pure domain rules: codes, CEFR levels, KldB, origin groups. Standard library only."""
