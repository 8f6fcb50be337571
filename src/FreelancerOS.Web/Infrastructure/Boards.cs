using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>What every board shares: cards per column, the "saved" and "refused" answers to a move.</summary>
public static class Boards
{
    /// <summary>Cards a column shows before "show more": enough for a working week, small enough for a fast page.</summary>
    public const int CardsPerColumn = 20;

    /// <summary>The first cards of every column in one statement (UNION ALL of one ordered, limited query per column).</summary>
    public static IQueryable<T> FirstOfEach<T>(IEnumerable<IQueryable<T>> columns) =>
        columns.Select(q => q.Take(CardsPerColumn)).Aggregate(Queryable.Concat);

    /// <summary>A saved move: site.js announces the message in a polite live region (JSON escapes keep the header ASCII).</summary>
    public static void Saved(this HttpResponse response, string message) =>
        response.Headers["HX-Trigger"] = JsonSerializer.Serialize(new Dictionary<string, string> { ["board-saved"] = message });

    /// <summary>A refused move: 409 with the reason, also in a header that site.js shows while the card snaps back.</summary>
    public static ObjectResult Refused(this ControllerBase controller, string message)
    {
        // Header values must be ASCII; site.js decodes this.
        controller.Response.Headers["X-Message"] = Uri.EscapeDataString(message);
        return controller.StatusCode(StatusCodes.Status409Conflict, message);
    }
}

/// <summary>The "show more" link at the foot of a column: htmx loads the next cards, without script it opens the list.</summary>
public sealed record BoardMore(string NextUrl, string ListUrl, int Shown, int Count)
{
    public int Next => Math.Min(Boards.CardsPerColumn, Count - Shown);
}
