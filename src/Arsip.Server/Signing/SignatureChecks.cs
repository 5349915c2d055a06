using System.Collections.Concurrent;

namespace Arsip.Signing;

/// <summary>
/// The signature checks of stored files, kept by the file's SHA-256 (its bytes never change under that name), so a page that
/// shows a signed scan's status does no reading or crypto work on the next view. An entry lives <see cref="MaxAge"/>: what a
/// check says can change with time alone (a revocation list going stale).
/// </summary>
public sealed class SignatureChecks(SigningTrust trust, ArsipClock clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private const int MaxEntries = 10_000;

    private sealed record Entry(IReadOnlyList<SignatureCheck> Checks, DateTimeOffset At);

    private readonly ConcurrentDictionary<string, Entry> _bySha256 = new(StringComparer.Ordinal);
    private long _computed;

    /// <summary>How many files were read and checked (not answered from the cache).</summary>
    public long Computed => Interlocked.Read(ref _computed);

    /// <summary>The file's signatures (none: empty), read through <paramref name="read"/> only when not known or too old.</summary>
    public async Task<IReadOnlyList<SignatureCheck>> ForAsync(string sha256, Func<CancellationToken, Task<byte[]?>> read, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_bySha256.TryGetValue(sha256, out var known) && now - known.At < MaxAge && now >= known.At) return known.Checks;
        if (await read(ct) is not { } bytes) return [];
        var checks = trust.Check(bytes);
        Interlocked.Increment(ref _computed);
        if (_bySha256.Count >= MaxEntries) _bySha256.Clear();
        _bySha256[sha256] = new Entry(checks, now);
        return checks;
    }
}
