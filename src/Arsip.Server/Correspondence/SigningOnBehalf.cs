using Arsip.Organization;

namespace Arsip.Correspondence;

/// <summary>
/// Signing for a superior (Permendagri 1/2023, pelimpahan wewenang penandatanganan): <c>a.n.</c> (atas nama), the signatory signs
/// for the position it reports to; <c>u.b.</c> (untuk beliau), one level further down, for the official who signs a.n. the
/// head. Plt./Plh. stay the acting rules' (the signer acts for the signing position itself).
/// </summary>
public enum SignatureForm
{
    AtasNama,
    UntukBeliau,
}

public static class SigningOnBehalf
{
    /// <summary>How many superiors a form needs above the signing position: a.n. one, u.b. two.</summary>
    public static int Levels(SignatureForm form) => form == SignatureForm.AtasNama ? 1 : 2;

    /// <summary>The signing position's superiors, nearest first, as far as the form needs them.</summary>
    public static async Task<IReadOnlyList<Position>> SuperiorsAsync(IQuerySession session, Position? signatory, SignatureForm? form, CancellationToken ct)
    {
        var chain = new List<Position>();
        if (form is not { } f) return chain;
        for (var at = signatory; chain.Count < Levels(f) && at?.ReportsTo is { } up && await session.LoadAsync<Position>(up, ct) is { } superior; at = superior)
            chain.Add(superior);
        return chain;
    }

    /// <summary>
    /// The authority comes from the organization chart: a.n. only for a position that reports to the one it signs for, u.b. only
    /// where that superior reports to a head in turn. Who may sign so is the reporting line the agency already records and the
    /// reviewers' paraf checks; a separate delegation record would say the same thing twice.
    /// </summary>
    public static ProblemDetails? Refusal(SignatureForm? form, IReadOnlyList<Position> superiors) =>
        form is { } f && superiors.Count < Levels(f)
            ? new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["structure.onBehalf"] = [f == SignatureForm.AtasNama
                    ? "Penandatangan a.n. harus melapor kepada pejabat yang diatasnamakan; jabatan ini tidak beratasan (a.n. needs a superior to sign for)."
                    : "u.b. hanya untuk pejabat di bawah pejabat yang menandatangani a.n. pimpinan: perlu dua tingkat atasan (u.b. needs two levels of superiors)."],
            }) { Status = StatusCodes.Status400BadRequest, Title = "Draf surat keluar tidak valid (invalid draft)" }
            : null;

    /// <summary>
    /// The signature block's lines above the signature: "a.n. WALI KOTA BEKASI" / "SEKRETARIS DAERAH," for a.n.;
    /// "a.n. WALI KOTA BEKASI" / "SEKRETARIS DAERAH," / "u.b." / "KEPALA BAGIAN UMUM," for u.b.; the acting prefix on the signing position.
    /// </summary>
    public static IReadOnlyList<string> TitleLines(SignatureForm? form, string signingTitle, string actingPrefix, IReadOnlyList<Position> superiors, Func<Position, string> principalName)
    {
        var own = $"{actingPrefix}{signingTitle.ToUpperInvariant()},";
        if (form is not { } f || superiors.Count < Levels(f)) return [own];
        return f == SignatureForm.AtasNama
            ? [$"a.n. {principalName(superiors[0])}", own]
            : [$"a.n. {principalName(superiors[1])}", $"{superiors[0].Title.ToUpperInvariant()},", "u.b.", own];
    }

    /// <summary>The head the letter is signed for (the issuer of a keputusan signed a.n.), or null when signed in one's own name.</summary>
    public static Position? Principal(SignatureForm? form, IReadOnlyList<Position> superiors) =>
        form is { } f && superiors.Count >= Levels(f) ? superiors[Levels(f) - 1] : null;
}
