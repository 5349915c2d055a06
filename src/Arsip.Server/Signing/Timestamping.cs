using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Arsip.Signing;

/// <summary>
/// PAdES baseline B-T: an RFC 3161 time-stamp over the signature value, from the authority at <c>Arsip:Signing:TimestampUrl</c>,
/// added as the unsigned attribute signature-time-stamp. Without the setting, signatures stay B-B.
/// </summary>
public sealed class TimestampAuthority(HttpClient http, Uri? url, SigningTrust trust)
{
    public const string UrlSetting = "Arsip:Signing:TimestampUrl";
    public const string TimeoutSetting = "Arsip:Signing:TimestampTimeoutSeconds";
    public const string SignatureTimeStampOid = "1.2.840.113549.1.9.16.2.14";
    public const string TimeStampingUsageOid = "1.3.6.1.5.5.7.3.8";
    private const int MaxResponseBytes = 256 * 1024;

    public bool Configured => url is not null;

    public static TimestampAuthority From(IConfiguration configuration, SigningTrust trust)
    {
        Uri? url = configuration[UrlSetting] is { Length: > 0 } setting ? new Uri(setting, UriKind.Absolute) : null;
        var timeout = TimeSpan.FromSeconds(configuration.GetValue<double?>(TimeoutSetting) ?? 10);
        return new TimestampAuthority(new HttpClient { Timeout = timeout }, url, trust);
    }

    /// <summary>
    /// The CMS with the authority's token over its signature value. Throws <see cref="SigningRefusedException"/> (503) when the
    /// authority cannot be reached or answers anything but a valid token for this request, so the signing and its number roll back.
    /// </summary>
    public async Task<byte[]> StampAsync(byte[] cms, CancellationToken ct)
    {
        if (url is null) return cms;
        var signed = new SignedCms();
        signed.Decode(cms);
        var signerInfo = signed.SignerInfos[0];
        var request = Rfc3161TimestampRequest.CreateFromSignerInfo(signerInfo, HashAlgorithmName.SHA256,
            nonce: RandomNumberGenerator.GetBytes(8), requestSignerCertificates: true);
        byte[] answer;
        try
        {
            using var content = new ByteArrayContent(request.Encode());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
            using var response = await http.PostAsync(url, content, ct);
            if (!response.IsSuccessStatusCode)
                throw new SigningRefusedException(Unavailable($"Layanan stempel waktu (TSA) menjawab {(int)response.StatusCode}; surat belum ditandatangani dan nomornya tidak terpakai (the time-stamping authority answered {(int)response.StatusCode}; nothing signed, no number taken)."));
            if (response.Content.Headers.ContentLength > MaxResponseBytes) throw new SigningRefusedException(Garbage());
            answer = await response.Content.ReadAsByteArrayAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new SigningRefusedException(Unavailable("Layanan stempel waktu (TSA) tidak dapat dihubungi; surat belum ditandatangani dan nomornya tidak terpakai (the time-stamping authority cannot be reached; nothing signed, no number taken)."));
        }
        Rfc3161TimestampToken token;
        try
        {
            token = request.ProcessResponse(answer, out var consumed);
            if (consumed != answer.Length || !token.VerifySignatureForSignerInfo(signerInfo, out var authority) || authority is null) throw new CryptographicException();
            if (trust.TimestampChainProblem(authority, token.AsSignedCms().Certificates.Cast<X509Certificate2>(), token.TokenInfo.Timestamp) is { } untrusted)
                throw new SigningRefusedException(Unavailable($"Stempel waktu dari TSA tidak tepercaya: {untrusted} (time-stamp not trusted); surat belum ditandatangani."));
        }
        catch (CryptographicException) { throw new SigningRefusedException(Garbage()); }
        signerInfo.AddUnsignedAttribute(new AsnEncodedData(SignatureTimeStampOid, token.AsSignedCms().Encode()));
        return signed.Encode();
    }

    private static ProblemDetails Garbage() => Unavailable(
        "Jawaban layanan stempel waktu (TSA) bukan stempel waktu yang sah untuk tanda tangan ini; surat belum ditandatangani dan nomornya tidak terpakai (the time-stamping authority's answer is not a valid time-stamp token; nothing signed, no number taken).");

    private static ProblemDetails Unavailable(string detail) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Stempel waktu tidak tersedia (time-stamp unavailable)",
        Detail = detail,
    };

    /// <summary>The signature-time-stamp in a signer's unsigned attributes, checked: over this signature value, by a time-stamping certificate chained to the agency's roots.</summary>
    public static TimestampCheck? Check(SignerInfo signerInfo, SigningTrust trust)
    {
        var attribute = signerInfo.UnsignedAttributes.Cast<CryptographicAttributeObject>().FirstOrDefault(a => a.Oid.Value == SignatureTimeStampOid);
        if (attribute is null) return null;
        if (attribute.Values.Count != 1 || !Rfc3161TimestampToken.TryDecode(attribute.Values[0].RawData, out var token, out _) || token is null)
            return new TimestampCheck(null, null, "Stempel waktu tidak dapat dibaca (unreadable time-stamp).");
        var at = token.TokenInfo.Timestamp;
        if (!token.VerifySignatureForSignerInfo(signerInfo, out var authority) || authority is null)
            return new TimestampCheck(at, null, "Stempel waktu tidak cocok dengan tanda tangan (time-stamp does not match the signature).");
        var name = authority.GetNameInfo(X509NameType.SimpleName, false);
        return new TimestampCheck(at, name, trust.TimestampChainProblem(authority, token.AsSignedCms().Certificates.Cast<X509Certificate2>(), at));
    }
}

/// <summary>A signature's time-stamp: when (the authority's time), by whom, and why it cannot be relied on (null when it can).</summary>
public sealed record TimestampCheck(DateTimeOffset? Time, string? Authority, string? Problem);
