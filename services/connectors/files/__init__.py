"""File source connectors (a local folder, an Azure Blob container). Each public module
is one plug-in; the private ones hold the formats and the shared listing logic."""
