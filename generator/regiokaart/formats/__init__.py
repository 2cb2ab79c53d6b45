"""Stage 5, the data in other shapes: the workbook, CSV, HSDS open data, module exchange, the maintenance report."""
