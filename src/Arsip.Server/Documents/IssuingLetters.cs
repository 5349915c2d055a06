using System.Security.Cryptography;
using Arsip.Correspondence;
using Arsip.Organization;
using Arsip.Pdf;
using Arsip.Pdf.Signing;
using Arsip.Signing;
using Pdf = Arsip.Pdf;

namespace Arsip.Documents;

/// <summary>Runs inside the signing transaction, so a letter is never signed without its PDF, nor the reverse.</summary>
public sealed class LetterIssuer(IIssuedPdfStore pdfs, DocumentLinks links, ILetterheads letterheads) : ILetterIssuer
{
    public async Task<OutgoingLetterIssued> IssueAsync(IDocumentSession session, OutgoingLetter letter, OutgoingLetterSigned signed, IUnlockedSigner? certified, CancellationToken ct)
    {
        var code = VerificationCodes.New();
        var position = await session.LoadAsync<Position>(signed.SignatoryPositionId, ct);
        // The signing office's kop, as its number (LetterNumbers.SigningUnitCodeAsync).
        var letterhead = await letterheads.ForAsync(session, session.TenantId, position?.UnitId ?? letter.DraftedByUnitId, ct);
        var signer = await session.LoadAsync<Person>(signed.PersonId, ct);
        var superiors = await SigningOnBehalf.SuperiorsAsync(session, position, letter.Content.Structure?.OnBehalf, ct);
        var model = LetterModels.For(session.TenantId, letterhead, letter.Content, position, signer, signed.LetterNumber, signed.LetterDate,
            signed.SignedAt, links.Verification(code), isDraft: false, superiors);
        if (certified is not null)
            model = model with { Signatory = model.Signatory with { Certified = new CertifiedSignature(certified.Certificate.CommonName, position?.Title ?? "", certified.Certificate.IssuerCommonName) } };
        var bytes = LetterPdf.Render(model);
        if (certified is not null)
            bytes = await certified.SignAsync(bytes, new PdfSignatureInfo(certified.Certificate.CommonName, $"Penandatanganan naskah dinas nomor {signed.LetterNumber}",
                model.Place, ArsipClock.ToLocal(signed.SignedAt, ArsipClock.DefaultZone)), ct);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await pdfs.PutAsync(session, sha256, letter.Id, bytes, ct);
        session.Insert(new VerificationLookup { Id = code, Agency = session.TenantId, LetterId = letter.Id });
        return new OutgoingLetterIssued(letter.Id, sha256, bytes.LongLength, code, signed.SignedAt);
    }

    public Task<byte[]?> IssuedPdfAsync(IQuerySession session, string sha256, CancellationToken ct) => pdfs.GetAsync(session, sha256, ct);
}

public static class LetterModels
{
    public static LetterDocument For(
        string agency, Pdf.PrintedLetterhead letterhead, LetterContent content, Position? signatoryPosition, Person? signer, string? number, DateOnly date,
        DateTimeOffset generatedAt, string? verificationUrl, bool isDraft, IReadOnlyList<Position>? superiors = null) => new()
    {
        Kind = Enum.Parse<Pdf.LetterKind>(content.Kind.ToString()),
        KindName = LetterKinds.Label(content.Kind),
        Letterhead = letterhead,
        Number = number,
        Place = Letterheads.PlaceOf(agency),
        Date = date,
        Security = Map(content.SecurityLevel),
        Attachment = content.Attachments ?? "-",
        Subject = content.Subject,
        Addressees = content.Addressees.Select(a => a.Name).ToList(),
        AddresseeLocation = content.Addressees.FirstOrDefault()?.Address ?? "Tempat",
        From = signatoryPosition?.Title,
        Body = KindBodies.Blocks(content, signer, signatoryPosition, IssuerOf(agency, IssuingPosition(content, signatoryPosition, superiors))),
        Issuer = IssuerOf(agency, IssuingPosition(content, signatoryPosition, superiors)),
        IssuedByHead = IssuingPosition(content, signatoryPosition, superiors) is { ReportsTo: null },
        OtherParties = content.Kind == LetterKind.BeritaAcara ? KindBodies.Parties(content.Structure) : [],
        Appendices = (content.Structure?.Appendices ?? []).Select(a => new Appendix(a.Title ?? "", Paragraphs(a.Text ?? ""))).ToList(),
        Signatory = new Signatory
        {
            TitleLines = SigningOnBehalf.TitleLines(content.Structure?.OnBehalf, signatoryPosition?.Title ?? "Penandatangan", ActingPrefix(signer, signatoryPosition, date),
                superiors ?? [], p => IssuerOf(agency, p)),
            Name = signer?.FullName ?? "(belum ditandatangani)",
            Rank = signer?.Rank,
            Nip = signer?.Nip,
            VerificationUrl = verificationUrl,
        },
        CopyTo = content.CopyTo.Select(a => a.Name).ToList(),
        IsDraft = isDraft,
        GeneratedAt = generatedAt,
    };

    /// <summary>A letter signed a.n. is issued by the head it is signed for.</summary>
    private static Position? IssuingPosition(LetterContent content, Position? signatoryPosition, IReadOnlyList<Position>? superiors) =>
        SigningOnBehalf.Principal(content.Structure?.OnBehalf, superiors ?? []) ?? signatoryPosition;

    /// <summary>"KEPALA DINAS KESEHATAN KOTA BEKASI": a keputusan or instruksi names its issuer with the region.</summary>
    internal static string IssuerOf(string agency, Position? position)
    {
        var title = (position?.Title ?? "Penandatangan").ToUpperInvariant();
        var region = Letterheads.AgencyName(agency).Replace("Pemerintah ", "", StringComparison.OrdinalIgnoreCase).ToUpperInvariant();
        return title.Contains(region.Split(' ')[^1], StringComparison.Ordinal) ? title : $"{title} {region}";
    }

    public static Pdf.PrintedSecurity Map(Kernel.SecurityLevel level) => Enum.Parse<Pdf.PrintedSecurity>(level.ToString());
    public static Pdf.PrintedUrgency Map(Kernel.Urgency urgency) => Enum.Parse<Pdf.PrintedUrgency>(urgency.ToString());

    /// <summary>Blank lines separate paragraphs; single line breaks inside a paragraph are spaces.</summary>
    internal static IReadOnlyList<LetterBlock> Paragraphs(string body) =>
        body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => (LetterBlock)new TextParagraph(string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries))))
            .ToList();

    private static string ActingPrefix(Person? signer, Position? position, DateOnly date) =>
        signer is null || position is null || signer.PositionId == position.Id ? ""
        : signer.Acting.FirstOrDefault(a => a.PositionId == position.Id && a.From <= date && date <= a.Until) is { } acting ? $"{acting.Kind}. "
        : "";
}

/// <summary>13 characters of Crockford base32 (65 random bits), case-insensitive, look-alikes i/l and o read as 1 and 0.</summary>
public static class VerificationCodes
{
    public const int Length = 13;
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string New() => string.Create(Length, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    public static string? Normalize(string? code)
    {
        if (code is null) return null;
        var text = code.Trim().Replace("-", "").ToLowerInvariant().Replace('i', '1').Replace('l', '1').Replace('o', '0');
        return text.Length == Length && text.All(Alphabet.Contains) ? text : null;
    }
}

/// <summary>The verifier does not know the agency: not tenanted.</summary>
public sealed class VerificationLookup
{
    public string Id { get; set; } = "";
    public string Agency { get; set; } = "";
    public Guid LetterId { get; set; }
}

/// <summary>Public links printed on documents: <c>Arsip:PublicBaseUrl</c>, or else the current request's scheme and host.</summary>
public sealed class DocumentLinks(IConfiguration configuration, IHttpContextAccessor http)
{
    public const string Setting = "Arsip:PublicBaseUrl";

    /// <summary>Whether the public address is set; without it a QR code printed behind a proxy or on 127.0.0.1 opens nothing outside.</summary>
    public static bool IsConfigured(IConfiguration configuration) => configuration[Setting] is { Length: > 0 };


    public string BaseUrl =>
        configuration["Arsip:PublicBaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/')
        : http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}"
        : "http://localhost";

    public string Verification(string code) => $"{BaseUrl}/v/{code}";
}
