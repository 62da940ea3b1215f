namespace Qlrf.Connectors;

/// <summary>
/// A secret given by reference: the name of an environment variable that holds it. Configuration names the
/// variable; the value is read when needed and never logged or put in an error.
/// </summary>
public static class EnvironmentSecret
{
    /// <summary>The value of the variable; throws naming the variable (not its value) when it is unset or empty.</summary>
    public static string Read(string variable, string setting)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value)
            ? throw new ConnectorException($"The environment variable '{variable}' named by {setting} is not set.")
            : value;
    }

    /// <summary>A problem when a variable name is given but looks like a secret rather than a name.</summary>
    public static IEnumerable<string> Validate(string setting, string? variable)
    {
        if (variable is not null && (variable.Length == 0 || variable.Length > 256 || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            yield return $"{setting} must be the name of an environment variable (letters, digits and underscores), not a secret.";
        }
    }
}
