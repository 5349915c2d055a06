using System.Net;
using System.Security.Cryptography;
using System.Text;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.Pdf;
using Arsip.Signing;
using Microsoft.AspNetCore.Antiforgery;

namespace Arsip.Documents;

public sealed record VerifiedLetter(
    string Code, string Agency, string AgencyName, string LetterNumber, DateOnly LetterDate, string Signatory, string SignatoryPosition,
    string Subject, bool SubjectWithheld, string SecurityLevel, string Status, string Sha256, long Length, DateTimeOffset IssuedAt,
    IReadOnlyList<SignatureCheck>? Signatures = null)
{
    /// <summary>Certified (TTE): the issued PDF carries a signature that is intact, covers the whole file and chains to the agency's roots.</summary>
    public bool CertifiedSignatureValid => Signatures is [_, ..] && Signatures.All(s => s.Valid);
}

/// <summary>Public, no sign-in: /v/{code} is the QR code's target and checks an uploaded PDF byte for byte.</summary>
public static class VerifyLetterEndpoints
{
    public const string FileField = "berkas";
    public const long MaxUploadBytes = 50 * 1024 * 1024;

    [WolverineGet("/api/verify/{code}")]
    [AllowAnonymous]
    [Tags("Dokumen")]
    [EndpointSummary("Public: the particulars of an issued letter by its verification code (subject withheld for Rahasia and above)")]
    public static async Task<IResult> Json(string code, IDocumentStore store, IIssuedPdfStore pdfs, SigningTrust trust, CancellationToken ct) =>
        await FindAsync(store, code, pdfs, trust, ct) is { } letter ? Results.Ok(letter) : Results.Problem(Problems.NotFound("Kode verifikasi", code));

    [WolverineGet("/v/{code}")]
    [AllowAnonymous]
    [ExcludeFromDescription]
    public static async Task<IResult> Page(string code, IDocumentStore store, IIssuedPdfStore pdfs, SigningTrust trust, IAntiforgery antiforgery, HttpContext http, CancellationToken ct) =>
        await FindAsync(store, code, pdfs, trust, ct) is { } letter
            ? Html(VerificationPage.Render(letter, antiforgery.GetAndStoreTokens(http), null))
            : Html(VerificationPage.NotFound(), StatusCodes.Status404NotFound);

    [WolverinePost("/v/{code}")]
    [AllowAnonymous]
    [ExcludeFromDescription]
    public static async Task<IResult> Check(string code, IDocumentStore store, IIssuedPdfStore pdfs, SigningTrust trust, IAntiforgery antiforgery, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(store, code, pdfs, trust, ct) is not { } letter) return Html(VerificationPage.NotFound(), StatusCodes.Status404NotFound);
        if (http.Request.ContentLength > MaxUploadBytes)
            return Html(VerificationPage.Render(letter, antiforgery.GetAndStoreTokens(http), Outcome.Invalid("Berkas terlalu besar (paling besar 50 MB).")), StatusCodes.Status413PayloadTooLarge);
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
            return Html(VerificationPage.Render(letter, antiforgery.GetAndStoreTokens(http), Outcome.Invalid("Formulir kedaluwarsa; muat ulang halaman lalu unggah lagi.")), StatusCodes.Status400BadRequest);

        var form = await http.Request.ReadFormAsync(ct);
        if (form.Files.GetFile(FileField) is not { Length: > 0 } file)
            return Html(VerificationPage.Render(letter, antiforgery.GetAndStoreTokens(http), Outcome.Invalid("Pilih berkas PDF yang akan diperiksa.")), StatusCodes.Status400BadRequest);

        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        var uploaded = buffer.ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(uploaded));
        var checks = letter.Signatures is [_, ..] ? trust.Check(uploaded) : null;
        var outcome = (sha256 == letter.Sha256 ? Outcome.Match(sha256) : Outcome.Mismatch(sha256)) with { Signatures = checks };
        return Html(VerificationPage.Render(letter, antiforgery.GetAndStoreTokens(http), outcome));
    }

    public static async Task<VerifiedLetter?> FindAsync(IDocumentStore store, string code, IIssuedPdfStore pdfs, SigningTrust trust, CancellationToken ct)
    {
        if (VerificationCodes.Normalize(code) is not { } normalized) return null;
        VerificationLookup? lookup;
        await using (var global = store.QuerySession()) lookup = await global.LoadAsync<VerificationLookup>(normalized, ct);
        if (lookup is null) return null;

        await using var session = store.QuerySession(lookup.Agency);
        if (await session.LoadAsync<OutgoingLetterView>(lookup.LetterId, ct) is not { IssuedPdfSha256: { } sha256 } letter) return null;
        var position = await session.LoadAsync<Position>(letter.SignatoryPositionId, ct);
        var withheld = letter.Content.SecurityLevel >= Kernel.SecurityLevel.Rahasia;
        var signatures = await pdfs.GetAsync(session, sha256, ct) is { } issued ? trust.Check(issued) : [];
        return new VerifiedLetter(
            normalized, lookup.Agency, Letterheads.AgencyName(lookup.Agency), letter.LetterNumber ?? "", letter.LetterDate ?? default,
            letter.Signatory ?? "", position?.Title ?? "", withheld ? "(dirahasiakan)" : letter.Content.Subject, withheld,
            PrintedLabels.Of(LetterModels.Map(letter.Content.SecurityLevel)),
            letter.Status == OutgoingStatus.Cancelled ? "Dibatalkan" : "Sah", sha256, letter.IssuedPdfLength ?? 0, letter.SignedAt ?? default, signatures);
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html", Encoding.UTF8, status);
}

/// <summary>Signatures: the uploaded copy's embedded signatures, checked on their own (null when the issued letter has none).</summary>
public sealed record Outcome(bool? Matches, string Message, string? UploadedSha256, IReadOnlyList<SignatureCheck>? Signatures = null)
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
        if (letter.Signatures is [_, ..] signatures)
        {
            body.Append("<h2>Tanda tangan elektronik tersertifikasi</h2>");
            Signatures(body, signatures);
        }

        if (outcome is not null)
        {
            var css = outcome.Matches switch { true => "ok", false => "fail", null => "warn" };
            body.Append($"<section class=\"{css}\" role=\"status\" aria-live=\"polite\"><h2>{E(outcome.Message)}</h2>");
            if (outcome.UploadedSha256 is { } uploaded) body.Append($"<p>SHA-256 berkas yang diunggah: <code>{E(uploaded)}</code></p>");
            if (outcome.Signatures is { } checks)
            {
                body.Append("<h3>Tanda tangan pada berkas yang diunggah</h3>");
                if (checks.Count == 0) body.Append("<p class=\"fail\">TIDAK ADA tanda tangan elektronik pada berkas ini.</p>");
                Signatures(body, checks);
            }
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

    private static void Signatures(StringBuilder body, IReadOnlyList<SignatureCheck> checks)
    {
        foreach (var check in checks)
        {
            var (css, state, verdict) = check.Valid ? ("ok", "valid", "TANDA TANGAN SAH")
                : check.Indeterminate ? ("warn", "indeterminate", "STATUS TANDA TANGAN TIDAK DAPAT DIPASTIKAN")
                : ("fail", "invalid", "TANDA TANGAN TIDAK SAH");
            body.Append($"<div class=\"{css}\" data-signature=\"{state}\">");
            body.Append($"<p><strong>{verdict}</strong></p><dl>");
            Row(body, "Ditandatangani oleh", check.Signer ?? "-");
            Row(body, "Penerbit sertifikat", check.Issuer ?? "-");
            Row(body, "Waktu tanda tangan", check.SigningTime is { } at ? Wib(at) : "-");
            if (check.TimestampValid is not null)
                Row(body, "Waktu dari TSA", check.TimestampTime is { } stamped
                    ? $"{Wib(stamped)} — {check.TimestampAuthority ?? "otoritas tidak dikenal"}{(check.TimestampValid == true ? "" : " (tidak sah)")}"
                    : "Stempel waktu tidak dapat dibaca");
            Row(body, "Dokumen utuh sejak ditandatangani", check.CoversWholeDocument ? "Ya" : "Tidak");
            Row(body, "Rantai sertifikat", check.Trusted ? "Sampai ke sertifikat induk tepercaya instansi" : check.ChainProblem ?? "Tidak tepercaya");
            if (check.Problem is { } problem) Row(body, "Masalah", problem);
            body.Append("</dl></div>");
        }
    }

    private static string Wib(DateTimeOffset at) =>
        $"{IndonesianDate.Format(DateOnly.FromDateTime(ArsipClock.ToLocal(at, ArsipClock.DefaultZone).DateTime))} {ArsipClock.ToLocal(at, ArsipClock.DefaultZone):HH:mm:ss} WIB";

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
