"""SQL source connectors. Each public module is one plug-in (PostgreSQL, MySQL/MariaDB,
SQLite, Databricks, Synapse); the private ones hold what they share."""
