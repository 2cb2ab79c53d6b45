"""regiokaart: a region's data on domestic violence and child abuse as a static knowledge portal."""
