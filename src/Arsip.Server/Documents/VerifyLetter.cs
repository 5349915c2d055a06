using System.Net;
using System.Security.Cryptography;
using System.Text;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.Pdf;
using Microsoft.AspNetCore.Antiforgery;

namespace Arsip.Documents;

public sealed record VerifiedLetter(
    string Code, string Agency, string AgencyName, string LetterNumber, DateOnly LetterDate, string Signatory, string SignatoryPosition,
    string Subject, bool SubjectWithheld, string SecurityLevel, string Status, string Sha256, long Length, DateTimeOffset IssuedAt);

/// <summary>Public, no sign-in: /v/{code} is the QR code's target and checks an uploaded PDF byte for byte.</summary>
public static class VerifyLetterEndpoints
{
    public const string FileField = "berkas";
    public const long MaxUploadBytes = 50 * 1024 * 1024;

    [WolverineGet("/api/verify/{code}")]
    [AllowAnonymous]
    [Tags("Dokumen")]
    [EndpointSummary("Public: the particulars of an issued letter by its verification code (subject withheld for Rahasia and above)")]
    public static async Task<IResult> Json(string code, IDocumentStore store, CancellationToken ct) =>
        await FindAsync(store, code, ct) is { } letter ? Results.Ok(letter) : Results.Problem(Problems.NotFound("Kode verifikasi", code));

    [WolverineGet("/v/{code}")]
    [AllowAnonymous]
    [ExcludeFromDescription]
    public static async Task<IResult> Page(string code, IDocumentStore store, IAntiforgery antiforgery, HttpContext http, CancellationToken ct) =>
        await FindAsync(store, code, ct) is { } letter
            ? Html(VerificationPage.Render(letter, antiforgery.GetAndStoreTokens(http), null))
            : Html(VerificationPage.NotFound(), StatusCodes.Status404NotFound);

    [WolverinePost("/v/{code}")]
    [AllowAnonymous]
    [ExcludeFromDescription]
    public static async Task<IResult> Check(string code, IDocumentStore store, IAntiforgery antiforgery, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(store, code, ct) is not { } letter) return Html(VerificationPage.NotFound(), StatusCodes.Status404NotFound);
        if (http.Request.ContentLength > MaxUploadBytes)
            return Html(VerificationPage.Render(letter, antiforgery.GetAndStoreTokens(http), Outcome.Invalid("Berkas terlalu besar (paling besar 50 MB).")), StatusCodes.Status413PayloadTooLarge);
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
            return Html(VerificationPage.Render(letter, antiforgery.GetAndStoreTokens(http), Outcome.Invalid("Formulir kedaluwarsa; muat ulang halaman lalu unggah lagi.")), StatusCodes.Status400BadRequest);

        var form = await http.Request.ReadFormAsync(ct);
        if (form.Files.GetFile(FileField) is not { Length: > 0 } file)
            return Html(VerificationPage.Render(letter, antiforgery.GetAndStoreTokens(http), Outcome.Invalid("Pilih berkas PDF yang akan diperiksa.")), StatusCodes.Status400BadRequest);

        await using var stream = file.OpenReadStream();
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        var outcome = sha256 == letter.Sha256 ? Outcome.Match(sha256) : Outcome.Mismatch(sha256);
        return Html(VerificationPage.Render(letter, antiforgery.GetAndStoreTokens(http), outcome));
    }

    public static async Task<VerifiedLetter?> FindAsync(IDocumentStore store, string code, CancellationToken ct)
    {
        if (VerificationCodes.Normalize(code) is not { } normalized) return null;
        VerificationLookup? lookup;
        await using (var global = store.QuerySession()) lookup = await global.LoadAsync<VerificationLookup>(normalized, ct);
        if (lookup is null) return null;

        await using var session = store.QuerySession(lookup.Agency);
        if (await session.LoadAsync<OutgoingLetterView>(lookup.LetterId, ct) is not { IssuedPdfSha256: { } sha256 } letter) return null;
        var position = await session.LoadAsync<Position>(letter.SignatoryPositionId, ct);
        var withheld = letter.Content.SecurityLevel >= Kernel.SecurityLevel.Rahasia;
        return new VerifiedLetter(
            normalized, lookup.Agency, Letterheads.AgencyName(lookup.Agency), letter.LetterNumber ?? "", letter.LetterDate ?? default,
            letter.Signatory ?? "", position?.Title ?? "", withheld ? "(dirahasiakan)" : letter.Content.Subject, withheld,
            PrintedLabels.Of(LetterModels.Map(letter.Content.SecurityLevel)),
            letter.Status == OutgoingStatus.Cancelled ? "Dibatalkan" : "Sah", sha256, letter.IssuedPdfLength ?? 0, letter.SignedAt ?? default);
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html", Encoding.UTF8, status);
}

public sealed record Outcome(bool? Matches, string Message, string? UploadedSha256)
{
    public static Outcome Match(string sha256) => new(true, "COCOK — dokumen asli", sha256);
    public static Outcome Mismatch(string sha256) => new(false, "TIDAK COCOK — berkas ini berbeda dari dokumen yang diterbitkan", sha256);
    public static Outcome Invalid(string message) => new(null, message, null);
}

/// <summary>The verification page: plain server-rendered HTML in Indonesian, no scripts.</summary>
public static class VerificationPage
{
    public static string Render(VerifiedLetter letter, AntiforgeryTokenSet tokens, Outcome? outcome)
    {
        var body = new StringBuilder();
        body.Append("<h1>Verifikasi Naskah Dinas</h1>");
        if (letter.Status != "Sah")
            body.Append("<p class=\"warn\" role=\"alert\">Surat ini telah <strong>dibatalkan</strong> oleh instansi penerbit.</p>");
        body.Append("<p>Naskah dinas ini diterbitkan secara elektronik melalui Arsip oleh instansi berikut.</p><dl>");
        Row(body, "Instansi", letter.AgencyName);
        Row(body, "Nomor surat", letter.LetterNumber);
        Row(body, "Tanggal", IndonesianDate.Format(letter.LetterDate));
        Row(body, "Penandatangan", $"{letter.Signatory} ({letter.SignatoryPosition})");
        Row(body, "Hal", letter.Subject);
        Row(body, "Sifat", letter.SecurityLevel);
        Row(body, "Status", letter.Status);
        Row(body, "SHA-256 berkas PDF", letter.Sha256, code: true);
        Row(body, "Ukuran berkas", $"{IndonesianFormat.Number(letter.Length)} bita");
        body.Append("</dl>");

        if (outcome is not null)
        {
            var css = outcome.Matches switch { true => "ok", false => "fail", null => "warn" };
            body.Append($"<section class=\"{css}\" role=\"status\" aria-live=\"polite\"><h2>{E(outcome.Message)}</h2>");
            if (outcome.UploadedSha256 is { } uploaded) body.Append($"<p>SHA-256 berkas yang diunggah: <code>{E(uploaded)}</code></p>");
            body.Append("</section>");
        }

        body.Append($"""
            <h2>Periksa berkas</h2>
            <p>Unggah berkas PDF yang Anda terima. Berkas dinyatakan asli hanya bila sama persis, bita demi bita, dengan yang diterbitkan.</p>
            <form method="post" enctype="multipart/form-data" action="/v/{E(letter.Code)}">
            <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken ?? "")}">
            <label for="berkas">Berkas PDF</label>
            <input id="berkas" name="{VerifyLetterEndpoints.FileField}" type="file" accept="application/pdf,.pdf" required>
            <button type="submit">Periksa</button>
            </form>
            """);
        return Layout("Verifikasi naskah dinas", body.ToString());
    }

    public static string NotFound() => Layout("Kode tidak dikenal",
        "<h1>Kode verifikasi tidak dikenal</h1><p>Tidak ada naskah dinas dengan kode ini. Periksa kembali kode atau pindai ulang kode QR pada surat.</p>");

    private static void Row(StringBuilder body, string label, string value, bool code = false) =>
        body.Append($"<dt>{E(label)}</dt><dd>{(code ? $"<code>{E(value)}</code>" : E(value))}</dd>");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Layout(string title, string main) => $$"""
        <!DOCTYPE html>
        <html lang="id">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{E(title)}} — Arsip</title>
        <link rel="stylesheet" href="/css/verifikasi.css">
        </head>
        <body><main>
        {{main}}
        </main></body>
        </html>
        """;
}
