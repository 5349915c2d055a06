namespace Arsip.Access;

/// <summary>A person given their password by someone else (an agency's first administrator) changes it before doing anything else.</summary>
public static class PasswordChangeGate
{
    public const string PagePath = "/sandi";
    private static readonly string[] Open = [PagePath, "/keluar", "/masuk", "/galat", "/bahasa", "/api/me/password", "/api/auth", "/css", "/js", "/favicon.svg", "/health"];

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.HasClaim(ArsipClaims.PasswordChangeRequired, "true") && !Open.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            if (http.Request.Path.StartsWithSegments("/api"))
                await Results.Problem(Problems.Forbidden("Ganti kata sandi awal Anda dulu: PUT /api/me/password (change your initial password first).")).ExecuteAsync(http);
            else http.Response.Redirect(PagePath);
            return;
        }
        await next(http);
    });
}
