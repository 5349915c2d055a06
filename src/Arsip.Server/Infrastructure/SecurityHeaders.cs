namespace Arsip.Infrastructure;

/// <summary>The browser refuses what pages never do: foreign or inline scripts and styles (an unescaped value cannot run), framing by other sites, sniffing, referrers.
/// The API gets nosniff and the referrer policy only: /api/docs runs the Scalar viewer's inline script.</summary>
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
