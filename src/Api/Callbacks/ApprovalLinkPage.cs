using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Qlrf.Approvals;
using Qlrf.Channels.Links;

namespace Qlrf.Api.Callbacks;

/// <summary>
/// The pages a signed approval link shows: the confirmation step (what is asked, its risk, and a form
/// that posts the decision) and the answer. Plain HTML with every value encoded, no scripts, not cached,
/// not framed, and no referrer (the address holds the link).
/// </summary>
internal static class ApprovalLinkPage
{
    public static HtmlPage Confirm(ApprovalView view, ApprovalLink link)
    {
        var verb = link.Decision == ApprovalDecisionKind.Approve ? "Approve" : "Reject";
        var html = new StringBuilder()
            .Append("<h1>").Append(E($"{verb} {view.Kind} {view.Subject}?")).Append("</h1>")
            .Append("<p>").Append(E(view.Summary)).Append("</p><dl>");
        Fact(html, "Risk", string.Create(CultureInfo.InvariantCulture, $"{view.RiskLevel} ({view.RiskScore:0.#})"));
        Fact(html, "Requested by", view.RequestedBy);
        Fact(html, "Expires", view.ExpiresAt.ToString("u", CultureInfo.InvariantCulture));
        foreach (var (label, value) in view.Facts)
        {
            Fact(html, label, value);
        }

        html.Append("</dl><p>This link was sent to <strong>").Append(E(link.Recipient))
            .Append("</strong>. Confirming records the decision as theirs, in the audit log; the link then stops working.</p>")
            .Append("<form method=\"post\"><label for=\"comment\">Comment</label><br>")
            .Append("<textarea id=\"comment\" name=\"comment\" rows=\"3\" cols=\"60\" maxlength=\"2000\" placeholder=\"")
            .Append(E(DefaultComment(link))).Append("\"></textarea><br>")
            .Append("<button type=\"submit\">").Append(E(verb)).Append("</button></form>");
        if (view.Link is not null)
        {
            html.Append("<p><a href=\"").Append(E(view.Link.ToString())).Append("\">Open the plan</a></p>");
        }

        return Page(StatusCodes.Status200OK, $"{verb} {view.Kind} {view.Subject}", html.ToString());
    }

    /// <summary>A page saying what happened (or why nothing did).</summary>
    public static HtmlPage Message(int status, string title, string text) =>
        Page(status, title, $"<h1>{E(title)}</h1><p>{E(text)}</p>");

    /// <summary>The comment recorded when the confirmer leaves the box empty.</summary>
    public static string DefaultComment(ApprovalLink link) =>
        $"{(link.Decision == ApprovalDecisionKind.Approve ? "Approved" : "Rejected")} through a signed link sent to {link.Recipient}";

    private static void Fact(StringBuilder html, string label, string value) =>
        html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static HtmlPage Page(int status, string title, string body) => new HtmlPage(status, $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{{E(title)}} · QL-RF</title>
        <style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}dt{font-weight:600}dd{margin:0 0 .5rem}</style>
        </head><body>{{body}}</body></html>
        """);

    /// <summary>An HTML page with the headers every link page carries.</summary>
    public sealed class HtmlPage(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers["X-Frame-Options"] = "DENY";
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
            return response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
