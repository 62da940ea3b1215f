using System.ComponentModel.DataAnnotations;

namespace Qlrf.Store.Tables;

/// <summary>Settings of the Table Storage stores, section <c>Qlrf:Tables</c>.</summary>
public sealed class TableStoreOptions
{
    public const string Section = "Qlrf:Tables";

    /// <summary>The table service endpoint, e.g. <c>https://{account}.table.core.windows.net/</c> (set by infra/). Reached with the app's managed identity.</summary>
    [Required(ErrorMessage = "Qlrf:Tables:Endpoint is required (the storage account's table endpoint).")]
    public Uri? Endpoint { get; set; }

    /// <summary>Prefix of every table name. Default <c>Qlrf</c>.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,30}$", ErrorMessage = "Qlrf:Tables:Prefix must be letters and digits, starting with a letter.")]
    public string Prefix { get; set; } = "Qlrf";
}
