namespace Arsip.Correspondence;

public static class LegacyImportQueries
{
    public static Task<IReadOnlyList<LegacyImport>> RecentAsync(IQuerySession session, CancellationToken ct) =>
        session.Query<LegacyImport>().OrderByDescending(i => i.CreatedAt).Take(20).ToListAsync(ct);
}

public static class GetLegacyImportEndpoint
{
    [WolverineGet("/api/legacy-imports/{id}")]
    [Tags("Surat masuk")]
    [EndpointSummary("One import: its preview, mapping and problems, then its status and progress (phase, done of total) while it runs")]
    [ProducesResponseType<LegacyImport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [Authorize(Policy = Policies.Registrar)]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(caller.Agency);
        return await session.LoadAsync<LegacyImport>(id, ct) is { } import ? Results.Ok(import) : Results.Problem(Problems.NotFound("Impor register", id));
    }

    [WolverineGet("/api/legacy-imports")]
    [Tags("Surat masuk")]
    [EndpointSummary("The agency's last 20 register imports, newest first")]
    [ProducesResponseType<IReadOnlyList<LegacyImport>>(StatusCodes.Status200OK)]
    [Authorize(Policy = Policies.Registrar)]
    public static async Task<IReadOnlyList<LegacyImport>> List([NotBody] Caller caller, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(caller.Agency);
        return await LegacyImportQueries.RecentAsync(session, ct);
    }
}
