namespace Qlrf.Store.Sqlite;

/// <summary>
/// One step of a module's schema. Each module (inventory, queue, identity, ...) numbers its own steps
/// from 1; the store applies the missing ones in order at start-up, each in its own transaction.
/// Register migrations as singletons of this type.
/// </summary>
public sealed record SchemaMigration(string Module, int Version, string Sql);
