using System.Linq.Expressions;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// A test against a small fixed set of values (statuses, stages) written into the query as constants. EF Core 10
/// sends a list's <c>Contains</c> as one parameter per element (and <c>EF.Constant</c> inlines it after its SQL cache),
/// which makes it rebuild the statement's SQL on every run; with constants in the expression tree the SQL is built once
/// per set and reused. For sets of ids, which differ on every request, a parameter stays the right choice.
/// </summary>
public static class InlineSet
{
    /// <summary><c>x => value(x) == v1 || value(x) == v2 ...</c>; false for no values.</summary>
    public static Expression<Func<T, bool>> In<T, TValue>(Expression<Func<T, TValue>> value, IEnumerable<TValue> values)
    {
        var body = values.Distinct()
            .Select(v => (Expression)Expression.Equal(value.Body, Expression.Constant(v, typeof(TValue))))
            .DefaultIfEmpty(Expression.Constant(false))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(body, value.Parameters);
    }
}
