namespace Qlrf.Orchestration;

/// <summary>
/// Why an activity, sub-orchestration or orchestration failed: the exception's type and message, its stack
/// trace, and the failure that caused it (a sub-orchestration's failure carries its activity's, and so on).
/// </summary>
/// <param name="ErrorType">The full name of the exception type, or a runtime error kind.</param>
/// <param name="ErrorMessage">The message.</param>
/// <param name="StackTrace">Where it was thrown, when known.</param>
/// <param name="InnerFailure">The failure that caused this one.</param>
/// <param name="IsNonRetriable">True when retrying cannot help (an unknown name, a payload over the cap).</param>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null,
    bool IsNonRetriable = false)
{
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception switch
        {
            TaskFailedException failed => failed.FailureDetails,
            { InnerException: { } cause } => FromException(cause),
            _ => null,
        };
        return new TaskFailureDetails(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace, inner);
    }

    /// <summary>True if this failure, or one that caused it, was an exception of type <typeparamref name="T"/>.</summary>
    public bool IsCausedBy<T>()
        where T : Exception =>
        ErrorType == typeof(T).FullName || (InnerFailure?.IsCausedBy<T>() ?? false);

    public override string ToString() => InnerFailure is null ? $"{ErrorType}: {ErrorMessage}" : $"{ErrorType}: {ErrorMessage} ---> {InnerFailure}";
}
