namespace Qlrf.Store.Tables;

/// <summary>The storage account's tables, by name; a table is created on first use if infra/ did not create it.</summary>
public interface ITables
{
    ITable this[string name] { get; }
}
