namespace Arsip.Infrastructure;

/// <summary>
/// Arsip's own clock: what decisions read as "now". A distinct type so tests can move Arsip's time
/// without stalling the framework timers (Wolverine, Marten, cookies) that use TimeProvider.
/// </summary>
public sealed class ArsipClock(TimeProvider inner) : TimeProvider
{
    public static ArsipClock Real { get; } = new(TimeProvider.System);

    /// <summary>Always offset zero, whatever the inner provider returns (PostgreSQL timestamptz parameters accept only UTC).</summary>
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow().ToUniversalTime();
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <summary>Today in the clock's local time zone (the office's calendar day).</summary>
    public DateOnly Today => DateOnly.FromDateTime(GetLocalNow().DateTime);
}
