"""The workbook (xlsx) and CSV exchange with coordinators: columns, bounds, reading and writing."""
