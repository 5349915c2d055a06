using Arsip.Onboarding;

namespace Arsip.Exchange;

public sealed record SetPeerInstallation(string? Name, string? BaseUrl, string? PublicKey, string[]? Agencies);

public sealed record SetPeerInstallationCommand(string PeerId, SetPeerInstallation Body, string By)
{
    public Guid StreamId => PeerStreams.For(PeerId);
}

/// <summary>What the peer directory must not contradict: agencies hosted here, agencies another peer already hosts, this installation's own key.</summary>
public sealed record PeerDirectoryFacts(IReadOnlySet<string> LocalAgencies, IReadOnlyDictionary<string, string> ClaimedByOtherPeers, string OwnKeyId);

/// <summary>An entry is written whole (PUT): the same entry twice records nothing the second time.</summary>
public static class SetPeerInstallationHandler
{
    public const int MaxAgencies = 500;

    public static Decision Decide(SetPeerInstallationCommand command, PeerInstallation? current, PeerDirectoryFacts facts, DateTimeOffset now)
    {
        var body = command.Body;
        if (!AgencyStreams.IsValidId(command.PeerId))
            return Decision.Refuse(Problems.BadRequest("peerId", "Kode instalasi 3 sampai 40 karakter: huruf kecil, angka dan tanda hubung (the peer id is 3 to 40 lower-case letters, digits and inner hyphens)."));
        var name = body.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
            return Decision.Refuse(Problems.BadRequest("name", "Nama instalasi wajib diisi, paling panjang 200 karakter (name required, at most 200 characters)."));
        if (!Uri.TryCreate(body.BaseUrl?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0)
            return Decision.Refuse(Problems.BadRequest("baseUrl", "Alamat dasar harus URL http(s) tanpa query, mis. https://arsip.garutkab.go.id (base URL must be an http(s) URL without a query)."));
        using var key = ExchangeKey.ParsePublicKey(body.PublicKey);
        if (key is null)
            return Decision.Refuse(Problems.BadRequest("publicKey", "Kunci publik harus kunci ECDSA P-256 dalam PEM (-----BEGIN PUBLIC KEY-----) (public key must be an ECDSA P-256 key in PEM)."));
        var keyId = SigningKeys.IdOf(key);
        if (keyId == facts.OwnKeyId)
            return Decision.Refuse(Problems.BadRequest("publicKey", "Itu kunci instalasi ini sendiri (that is this installation's own key)."));
        var agencies = (body.Agencies ?? []).Select(a => a?.Trim() ?? "").Distinct().Order(StringComparer.Ordinal).ToArray();
        if (agencies.Length is 0 or > MaxAgencies || agencies.Any(a => !AgencyStreams.IsValidId(a)))
            return Decision.Refuse(Problems.BadRequest("agencies", $"Sebutkan 1 sampai {MaxAgencies} kode instansi yang sah (list 1 to {MaxAgencies} valid agency ids)."));
        if (agencies.FirstOrDefault(facts.LocalAgencies.Contains) is { } local)
            return Decision.Refuse(Problems.Conflict($"Instansi {local} dilayani instalasi ini sendiri (agency {local} is hosted here)."));
        if (agencies.FirstOrDefault(a => facts.ClaimedByOtherPeers.TryGetValue(a, out var other) && other != command.PeerId) is { } claimed)
            return Decision.Refuse(Problems.Conflict($"Instansi {claimed} sudah tercatat pada instalasi {facts.ClaimedByOtherPeers[claimed]} (agency {claimed} is listed for another peer)."));
        var baseUrl = url.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var publicKey = key.ExportSubjectPublicKeyInfoPem();
        if (current is { Removed: false } c && c.Name == name && c.BaseUrl == baseUrl && c.KeyId == keyId && c.Agencies.SequenceEqual(agencies)) return Decision.Accept();
        return Decision.Accept(new PeerInstallationSet(command.PeerId, name, baseUrl, publicKey, keyId, agencies, command.By, now));
    }

    public static async Task<Decision> Handle(SetPeerInstallationCommand command,
        [WriteAggregate(nameof(SetPeerInstallationCommand.StreamId), Required = false)] IEventStream<PeerInstallation> stream,
        IDocumentSession session, AgencyDirectory agencies, ExchangeKey key, ArsipClock clock, CancellationToken ct)
    {
        var peers = await session.Query<PeerInstallation>().Where(p => !p.Removed).ToListAsync(ct);
        var facts = new PeerDirectoryFacts((await agencies.AllAsync(ct)).Select(a => a.AgencyId).ToHashSet(),
            peers.SelectMany(p => p.Agencies.Select(a => (a, p.PeerId))).ToDictionary(x => x.a, x => x.PeerId), key.KeyId);
        return Decide(command, stream.Aggregate, facts, clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverinePut("/api/peers/{id}")]
    [Tags("Instalasi")]
    [EndpointSummary("Write a peer installation's directory entry: base URL, public key (PEM), the agencies it hosts (installation operator)")]
    [Authorize(Policy = Policies.Operator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Put(string id, SetPeerInstallation body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(Installation.Tenant, new SetPeerInstallationCommand(id, body, caller.Name), ct)).ToResult();
}

public sealed record RemovePeerInstallationCommand(string PeerId, string By)
{
    public Guid StreamId => PeerStreams.For(PeerId);
}

/// <summary>Letters already queued for the peer stay in the outbox (the administrator cancels them); new letters to its agencies go nowhere.</summary>
public static class RemovePeerInstallationHandler
{
    public static Decision Decide(RemovePeerInstallationCommand command, PeerInstallation? peer, DateTimeOffset now) =>
        peer is null or { Removed: true } ? Decision.Refuse(Problems.NotFound("Instalasi", command.PeerId))
            : Decision.Accept(new PeerInstallationRemoved(command.PeerId, command.By, now));

    public static Decision Handle(RemovePeerInstallationCommand command,
        [WriteAggregate(nameof(RemovePeerInstallationCommand.StreamId), Required = false)] IEventStream<PeerInstallation> stream, ArsipClock clock) =>
        Decide(command, stream.Aggregate, clock.GetUtcNow()).AppendTo(stream);

    [WolverineDelete("/api/peers/{id}")]
    [Tags("Instalasi")]
    [EndpointSummary("Remove a peer installation from the directory (installation operator)")]
    [Authorize(Policy = Policies.Operator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Delete(string id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(Installation.Tenant, new RemovePeerInstallationCommand(id, caller.Name), ct)).ToResult();
}
