namespace Arsip.Infrastructure;

/// <summary>
/// Response headers that make the browser refuse what the pages never do: scripts and styles from anywhere but
/// Arsip's own files (no inline script or style: a value that slipped into a page unescaped cannot run), being
/// framed by another site, guessing a file's type from its bytes, and telling other sites which letter was open.
/// Pages' files shown in a frame of a page (a scan, a letter's PDF) may be framed by Arsip itself only.
/// The API answers JSON and files: <c>nosniff</c> and the referrer policy, no page policy (its reference page,
/// <c>/api/docs</c>, runs the Scalar viewer's inline script).
/// </summary>
public static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    public const string FramedFilePolicy = "frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (!http.Request.Path.StartsWithSegments("/api"))
            {
                // an answer without a body type (a 304 for a framed scan, say) must not make the framed file unframeable
                var page = http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
                headers.ContentSecurityPolicy = page ? PagePolicy : FramedFilePolicy;
                headers.XFrameOptions = page ? "DENY" : "SAMEORIGIN";
            }
            return Task.CompletedTask;
        });
        return next();
    });
}
