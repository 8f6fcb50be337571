using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>
/// The clients a form chooses from and a list filters by. A list's filter, without script, holds the clients of the page's
/// rows and the chosen one, so the page does not grow with the clients of a long-running business (hundreds);
/// filter-clients.js adds every client (<see cref="AllAsync"/>, from the list's <c>filterclients</c> address) when the
/// filter is about to be used.
/// </summary>
public static class ClientChoices
{
    // Every client of a long-running business, on the lists and each form: compiled once (one shape).
    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<ClientOption>>> Active = new(() => EF.CompileAsyncQuery(
        (AppDbContext db) => db.Clients.Where(c => c.Stage != ClientStage.Archived).OrderBy(c => c.Name)
            .Select(c => new ClientOption(c.Id, c.Name, c.Currency))));

    private static readonly CompiledPerModel<Func<AppDbContext, int, Task<ClientOption?>>> Chosen = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int id) => db.Clients.Where(c => c.Id == id).Select(c => new ClientOption(c.Id, c.Name, c.Currency)).FirstOrDefault()));

    /// <summary>Every client that is not archived, by name.</summary>
    public static async Task<List<ClientOption>> AllAsync(AppDbContext db)
    {
        var options = new List<ClientOption>();
        await foreach (var option in Active.For(db)(db)) options.Add(option);
        return options;
    }

    /// <summary>A list's filter without script: the clients of the page's rows and the chosen one (archived or not), by name.</summary>
    public static async Task<List<ClientOption>> ShownAsync(AppDbContext db, IEnumerable<ClientOption> rows, int? chosen)
    {
        var clients = rows.DistinctBy(c => c.Id).ToList();
        if (chosen is { } id && clients.All(c => c.Id != id) && await Chosen.For(db)(db, id) is { } client) clients.Add(client);
        return clients.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id).ToList();
    }
}
