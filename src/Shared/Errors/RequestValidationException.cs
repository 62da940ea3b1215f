namespace Qlrf.Errors;

/// <summary>Bad input, naming the field or parameter at fault. The API answers it with a 400 ProblemDetails.</summary>
public sealed class RequestValidationException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;

    public string Detail { get; } = message;
}
