namespace Qlrf.Connectors.Azure;

/// <summary>Checks an <c>azure</c> source's settings; each problem names its setting.</summary>
internal static class AzureSourceOptionsValidation
{
    public static IEnumerable<string> Validate(string path, AzureSourceOptions options)
    {
        foreach (var problem in options.ValidateCommon(path))
        {
            yield return problem;
        }

        for (var i = 0; i < options.Subscriptions.Count; i++)
        {
            if (!Guid.TryParse(options.Subscriptions[i], out _))
            {
                yield return $"{path}:Subscriptions:{i} '{options.Subscriptions[i]}' is not a subscription id (a GUID).";
            }
        }

        var credentials = options.Credentials;
        var at = $"{path}:Credentials";
        var modes = new[] { credentials.ClientSecretVariable, credentials.ManagedIdentityClientId, credentials.AccessTokenVariable }.Count(m => m is not null);
        if (modes > 1)
        {
            yield return $"{at}: give at most one of ClientSecretVariable, ManagedIdentityClientId and AccessTokenVariable.";
        }

        if (credentials.ClientSecretVariable is not null && (!Guid.TryParse(credentials.TenantId, out _) || !Guid.TryParse(credentials.ClientId, out _)))
        {
            yield return $"{at}:TenantId and {at}:ClientId must be GUIDs when {at}:ClientSecretVariable is given.";
        }

        foreach (var problem in EnvironmentSecret.Validate($"{at}:ClientSecretVariable", credentials.ClientSecretVariable)
            .Concat(EnvironmentSecret.Validate($"{at}:AccessTokenVariable", credentials.AccessTokenVariable))
            .Concat(SourceSettings.ValidateUrl($"{path}:Endpoint", options.Endpoint))
            .Concat(SourceSettings.ValidateUrl($"{at}:AuthorityHost", credentials.AuthorityHost, required: false)))
        {
            yield return problem;
        }

        if (options.CaCertificateFile is not null && !File.Exists(options.CaCertificateFile))
        {
            yield return $"{path}:CaCertificateFile '{options.CaCertificateFile}' was not found.";
        }
    }
}
