/** Infrastructure every capability shares: the pooled database, transactions, the SQL dialect, migrations. */
package dev.portcullis.storage;
