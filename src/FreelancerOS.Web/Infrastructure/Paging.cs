using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < Pages;
}

public static class Paging
{
    public const int DefaultPageSize = 50;

    /// <summary>The page sizes a list offers; any other value shows the default.</summary>
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100];

    public static int Size(int? size) => size is { } s && PageSizes.Contains(s) ? s : DefaultPageSize;

    /// <summary>One COUNT and one page query; a page past the end shows the last page.</summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> ordered, int page, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        return await ToPagedAsync(ordered, page, pageSize, await ordered.CountAsync(ct), ct);
    }

    /// <summary>The page query only, for a caller that knows how many rows there are (a kept count).</summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> ordered, int page, int pageSize, int total, CancellationToken ct = default)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<T>(items, page, pageSize, total);
    }
}
