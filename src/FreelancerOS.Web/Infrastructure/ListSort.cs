using System.Linq.Expressions;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>A list's chosen sort column and direction, as the "sort" and "dir" query parameters carry them.</summary>
public sealed record ListSort(string Column, bool Descending)
{
    public string Dir => Descending ? "desc" : "asc";
}

/// <summary>
/// The columns a list may be sorted by, each mapped to its key expression: a whitelist, so a typed or
/// tampered "sort" value never reaches the query. Unknown columns or directions fall back to the list's
/// default order. Decimal columns stay out: SQLite stores them as text and cannot order by them.
/// </summary>
public sealed class SortColumns<T>(Expression<Func<T, int>> tieBreaker)
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> _columns = new(StringComparer.OrdinalIgnoreCase);

    public SortColumns<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _columns[name] = (q, desc) => desc ? q.OrderByDescending(key).ThenByDescending(tieBreaker) : q.OrderBy(key).ThenBy(tieBreaker);
        return this;
    }

    /// <summary>The chosen sort when <paramref name="sort"/> is a listed column, else null (the default order).</summary>
    public ListSort? Parse(string? sort, string? dir)
    {
        if (string.IsNullOrEmpty(sort) || !_columns.ContainsKey(sort)) return null;
        var key = _columns.Keys.First(k => string.Equals(k, sort, StringComparison.OrdinalIgnoreCase));
        return new ListSort(key, string.Equals(dir, "desc", StringComparison.OrdinalIgnoreCase));
    }

    public IOrderedQueryable<T> Apply(IQueryable<T> query, ListSort? sort, Func<IQueryable<T>, IOrderedQueryable<T>> defaultOrder) =>
        sort is null ? defaultOrder(query) : _columns[sort.Column](query, sort.Descending);
}
