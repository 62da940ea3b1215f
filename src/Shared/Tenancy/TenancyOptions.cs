using System.ComponentModel.DataAnnotations;

namespace Qlrf.Tenancy;

/// <summary>Settings of tenancy, section <c>Qlrf:Tenancy</c>.</summary>
public sealed class TenancyOptions
{
    public const string Section = "Qlrf:Tenancy";

    /// <summary>The organisation used where none is named: asset sources without an organisation, the local host's bootstrap.</summary>
    [Required(ErrorMessage = "Qlrf:Tenancy:DefaultOrganisation is required.")]
    [RegularExpression(OrganisationId.Pattern, ErrorMessage = "Qlrf:Tenancy:DefaultOrganisation must be a lower-case slug (letters, digits, dashes).")]
    public string DefaultOrganisation { get; set; } = "default";
}
