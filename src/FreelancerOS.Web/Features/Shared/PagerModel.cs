using Microsoft.AspNetCore.Http.Extensions;

namespace FreelancerOS.Web.Features.Shared;

/// <summary>Previous/next links that keep the current filter in the query string; with a <paramref name="PageSize"/>, also the page-size choice.</summary>
public sealed record PagerModel(int Page, int Pages, int Total, IQueryCollection Query, int PageSize = 0)
{
    /// <summary>The query's other parameters (filter, sort), carried as hidden fields by the page-size form.</summary>
    public IEnumerable<KeyValuePair<string, string>> KeptFields =>
        Query.Where(kv => kv.Key is not ("page" or "size")).SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? "")));

    public string UrlFor(int page)
    {
        var qb = new QueryBuilder(Query.Where(kv => kv.Key != "page").SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? ""))))
        {
            { "page", page.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return qb.ToQueryString().Value ?? "";
    }
}
