/* libforecast: growth rates and index compilation (index layer). */
#ifndef FORECAST_INDEX_H
#define FORECAST_INDEX_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======== growth rates, quarterly aggregation, YTD, published-index consistency (growth.c) — foundation issue ======== */

/* The two forms statistics offices publish (domain.md §2.2):
 *   FC_GROWTH_PERCENT  100 * (x_t / x_base - 1)   e.g.  4.2  (% change)
 *   FC_GROWTH_INDEX    100 *  x_t / x_base        e.g. 104.2 (base period = 100)
 * Missing values: every growth function accepts NaN in its input; an output
 * is NaN when any level it needs is NaN or outside the series, or when the
 * base is 0 (the ratio is undefined).  Outputs have the input's start,
 * length and frequency (monthly or quarterly) and its name; the functions
 * allocate *out (free with fc_series_free).  Errors: FC_EINVAL (NULL,
 * lag < 1), FC_EFREQ (frequency not 12 or 4), FC_ESHORT (empty series). */
typedef enum { FC_GROWTH_PERCENT = 0, FC_GROWTH_INDEX = 1 } fc_growth_form;

/* Growth over lag periods: x_t against x_{t-lag}. */
fc_status fc_growth_lag(const fc_series *s, int lag, fc_growth_form form,
                        fc_series **out, fc_error *err);

/* Period on period (lag 1): month-on-month, or quarter-on-quarter for a
 * quarterly series. */
fc_status fc_growth_mom(const fc_series *s, fc_growth_form form, fc_series **out,
                        fc_error *err);

/* Year on year (lag = frequency). */
fc_status fc_growth_yoy(const fc_series *s, fc_growth_form form, fc_series **out,
                        fc_error *err);

/* Year to date against the same period of the previous year: for period p
 * of year y, sum(x[y,1..p]) / sum(x[y-1,1..p]) -- the ratio of the SUMS of
 * levels (how GSO and customs publish cumulative figures), never an average
 * of monthly rates.  NaN unless all 2p levels are present. */
fc_status fc_growth_ytd(const fc_series *s, fc_growth_form form, fc_series **out,
                        fc_error *err);

/* How months make a quarter: the mean for indices (IIP), the sum for flows
 * (exports in million USD). */
typedef enum { FC_QUARTER_MEAN = 0, FC_QUARTER_SUM = 1 } fc_quarter_method;

/* Quarterly series from a monthly one.  Only quarters whose three months
 * all lie inside the series are produced (incomplete quarters at either end
 * are EXCLUDED, so the output starts at the first complete quarter); a
 * quarter with a NaN month inside the series is NaN.  FC_EFREQ if s is not
 * monthly, FC_ESHORT if it covers no complete quarter.  Quarter-on-quarter
 * and quarter y/y are then fc_growth_mom / fc_growth_yoy of the result. */
fc_status fc_growth_quarterly(const fc_series *monthly, fc_quarter_method how,
                              fc_series **out, fc_error *err);

/* ---- the reverse: published indices without levels (Vietnam GSO) ----
 *
 * Inputs are published indices, comparison period = 100, on one calendar
 * (same frequency, start and length; NaN where not published):
 *   mom  vs previous period,  yoy  vs same period last year,
 *   ytd  cumulative since January vs same period last year (may be NULL).
 * What the figures imply (I = index / 100):
 *   chained_yoy[t] = 100 * prod_{k=0}^{f-1} I_mom[t-k]         (f = frequency)
 *   implied_ytd[y,p] = 100 * sum_j R_j / sum_j (R_j / I_yoy[y,j]),  j = 1..p,
 *       R_1 = 1, R_j = R_{j-1} I_mom[y,j]: this year's levels from the m/m
 *       chain, last year's from this year's divided by y/y; for the first
 *       period implied_ytd = yoy.
 *   level: an anchor year A's within-year profile from its m/m (first period
 *       = 100), extended to other years by chaining y/y forwards and
 *       backwards (x[y,p] = x[y-1,p] I_yoy[y,p]); this is how the bundled
 *       datasets/vietnam_iip_*_level_reconstructed.csv were derived.  Without
 *       an anchor the levels are known only up to one factor per calendar
 *       month, which is not returned.
 * A conflict is reported where |published - implied| exceeds the tolerance
 * (index points): published ytd vs implied_ytd (FC_GROWTH_CHECK_YTD; this
 * catches GSO's January defect where YTD != y/y, domain.md §2.4) and
 * published yoy vs chained_yoy (FC_GROWTH_CHECK_CHAIN). */
typedef enum { FC_GROWTH_CHECK_YTD = 1, FC_GROWTH_CHECK_CHAIN = 2 } fc_growth_check;

typedef struct {
    double tolerance;   /* index points; default 1.0: rounding to 2 decimals
                           moves the implied figures by < 0.1 point, revisions
                           between estimate and official figure by up to ~0.5 */
    int anchor_year;    /* 0 (default): the latest year whose m/m chain agrees
                           with its last period's y/y within tolerance; -1: no
                           levels; else that year (its m/m must be complete) */
} fc_growth_published_options;

fc_growth_published_options fc_growth_published_options_default(void);

typedef struct {
    fc_period period;
    fc_growth_check check;
    double published;   /* the published index (ytd or yoy), base = 100 */
    double implied;     /* what the other published figures imply */
} fc_growth_conflict;

typedef struct {
    fc_series *implied_ytd;   /* index, same period last year = 100 */
    fc_series *chained_yoy;   /* index, same period last year = 100 */
    fc_series *level;         /* index, anchor year's first period = 100;
                                 all NaN when there is no anchor */
    int anchor_year;          /* 0 when no anchor was usable or asked for */
    size_t nconflicts;
    fc_growth_conflict *conflicts; /* in period order, YTD before CHAIN */
} fc_growth_published;

/* mom and yoy are required, ytd may be NULL.  opt NULL = defaults.
 * FC_EINVAL when the series are not on one calendar, tolerance is not
 * positive or an explicit anchor year lacks m/m figures. */
fc_status fc_growth_published_check(const fc_series *mom, const fc_series *yoy,
                                    const fc_series *ytd,
                                    const fc_growth_published_options *opt,
                                    fc_growth_published **out, fc_error *err);

void fc_growth_published_free(fc_growth_published *p);

/* (end of section) */

/* ======== aggregation, chain-linking, rebasing, splicing, contributions (chain.c and friends) — index issue ======== */

/* Notation (domain.md §1.2): component i, period t of year y, s = 12 or 4
 * periods a year, I_{i,t} a component's index level, Ī_{i,y} its mean over
 * the calendar year y.  Growth rates are in PERCENT; contributions are in
 * PERCENTAGE POINTS and add up to the aggregate's growth (to rounding, well
 * under 1e-10).  Nothing below modifies a caller's array. */

/* ---------------------------------------------------------------- weights
 * Weights of the components, one row per year (weights.c).  Any positive
 * scale (value added in VND, per mille, shares): rows are normalised to sum
 * to one where they are used, so they need not sum to one.  Zero, negative,
 * NaN or infinite weights are rejected (FC_EDOMAIN / FC_EMISSING).
 * A row whose year is FC_WEIGHTS_ANY_YEAR applies to every year (an undated
 * hierarchy file); it must then be the only row. */
#define FC_WEIGHTS_ANY_YEAR 0

typedef struct {
    size_t ncomponents;
    size_t nyears;
    char **names;    /* ncomponents names (entries may be NULL: match by position) */
    int *years;      /* nyears, strictly increasing */
    double *values;  /* row r, component i: values[r * ncomponents + i] */
} fc_weights;

/* Allocates nyears x ncomponents weights: values NaN, years 0, names NULL. */
fc_status fc_weights_alloc(size_t nyears, size_t ncomponents, fc_weights **out,
                           fc_error *err);
void fc_weights_free(fc_weights *w);
/* Copies name as component i's name (NULL clears it). */
fc_status fc_weights_set_name(fc_weights *w, size_t i, const char *name, fc_error *err);
/* Checks shape, increasing years and every weight finite and > 0. */
fc_status fc_weights_validate(const fc_weights *w, fc_error *err);
/* Row holding the weights of `year` (or the undated row); FC_ERANGE naming
 * the years available otherwise. */
fc_status fc_weights_find_row(const fc_weights *w, int year, size_t *row, fc_error *err);

/* A hierarchy (product -> 4-digit -> 2-digit -> section -> total, any depth)
 * as GSO compiles its IIP: every node is the weighted arithmetic mean of its
 * children.  One entry per node (and per year):
 *   code    node name; leaves are the components (columns of the data file)
 *   parent  parent's code; NULL or "" for a root.  Several roots are the
 *           children of an implicit total; one root is the total itself.
 *   weight  > 0; NaN for an internal node means "sum of its children".
 *           Children's weights are normalised within their parent, so a
 *           node's own weight only matters relative to its siblings.
 *   year    weight year, or FC_WEIGHTS_ANY_YEAR (then all entries must be).
 * The nested weighted means equal one flat weighted mean of the leaves with
 * effective weights prod over the path of (node weight / sum over siblings);
 * fc_weights_from_hierarchy returns those (leaves in order of first
 * appearance, one row per year; every year must have the same leaves).
 * Unknown parents, cycles, duplicate codes, a leaf without weight: FC_EINVAL. */
typedef struct {
    const char *code;
    const char *parent;
    double weight;
    int year;
} fc_hierarchy_node;

fc_status fc_weights_from_hierarchy(const fc_hierarchy_node *nodes, size_t nnodes,
                                    fc_weights **out, fc_error *err);

/* Weights files (DESIGN.md §3), errors as "FILE:LINE:COLUMN: message":
 *  flat:       year,<name1>,<name2>,...   one row per year
 *  hierarchy:  code,parent,weight         or  year,code,parent,weight
 *              (empty parent = root; empty weight on an internal node = sum
 *              of its children)
 * The form is recognised from the header.  Path "-" is standard input. */
fc_status fc_weights_read_file(const char *path, fc_weights **out, fc_error *err);
fc_status fc_weights_read_buffer(const char *data, size_t len, const char *source_name,
                                 fc_weights **out, fc_error *err);

/* ------------------------------------------------------------ aggregation
 * Laspeyres aggregation of component indices (aggregate.c, contrib.c).
 *
 * FC_AGGREGATE_FIXED_BASE — Vietnam GSO's IIP (yearbook methodology,
 *   domain.md §2.1; Eurostat STS): I_t = sum_i w_i I_{i,t} with the base
 *   year's weights normalised to sum 1.  Sub-indices are used as given: they
 *   should be referenced to the base year (GSO's are 2015=100).  Every
 *   component must be complete over the whole span (FC_EMISSING otherwise).
 *
 * FC_AGGREGATE_ANNUAL_OVERLAP — annually chain-linked Laspeyres (UN IRIIP
 *   2010 rec. xvi/xviii, Eurostat STS, IMF QNA Manual 2017 §8 "annual
 *   overlap"): links L_{i,t} = 100 I_{i,t} / Ī_{i,y-1}; aggregate link
 *   L_t = sum_i w_{i,y-1} L_{i,t} with year y-1's weights; chain
 *   I_t = Ī_{y-1} L_t / 100.  The first year y0 is the reference
 *   (Ī_{y0} = 100): its links are relative to the component's own mean of
 *   y0 and use y0's own weights.  The annual mean of I equals the annual
 *   chain-linked Laspeyres index (annual consistency).
 *   Rules: the chain starts in the first calendar year that some component
 *   observes completely (earlier periods come out NaN).  A component that
 *   starts later joins the basket at a year boundary: in y0 if it is
 *   complete in y0, otherwise in year f+1, where f is its first complete
 *   year (f supplies the overlap mean; its earlier values are not used);
 *   until then the other components' weights are renormalised.  After a
 *   component's first value every value must be present (FC_EMISSING names
 *   the first gap); the last year may be incomplete.
 *
 * Components are matched to weights by name when both have names, else by
 * position.  All components need the same frequency, start and length
 * (FC_EFREQ / FC_EINVAL).  Components must be > 0 where used (FC_EDOMAIN). */
typedef enum {
    FC_AGGREGATE_FIXED_BASE = 0,
    FC_AGGREGATE_ANNUAL_OVERLAP = 1
} fc_aggregate_method;

typedef struct {
    fc_aggregate_method method;
    /* Fixed-base: the weights row to use; 0 = the only row (FC_EINVAL when
     * there are several).  Ignored by annual-overlap. */
    int base_year;
} fc_aggregate_options;

fc_aggregate_options fc_aggregate_options_default(void);

typedef struct fc_aggregate fc_aggregate;

/* Compiles the aggregate; allocates *out (free with fc_aggregate_free).
 * Memory: one copy of the component values plus O(years x components). */
fc_status fc_aggregate_compute(const fc_series *const *components, size_t ncomponents,
                               const fc_weights *weights, const fc_aggregate_options *opt,
                               fc_aggregate **out, fc_error *err);
void fc_aggregate_free(fc_aggregate *a);

/* The aggregate index (same periods as the components; NaN where the
 * method defines no value).  Owned by a. */
const fc_series *fc_aggregate_index(const fc_aggregate *a);
size_t fc_aggregate_ncomponents(const fc_aggregate *a);
/* First calendar year of an annual-overlap chain (its reference year =
 * 100); the first year of the data for fixed-base. */
int fc_aggregate_first_year(const fc_aggregate *a);

/* Growth of the aggregate and contributions of each component, for every
 * period t of the index (n = index length):
 *   growth[t]           100 (I_t / I_{t-lag} - 1), percent
 *   contrib[i * n + t]  component i's contribution, percentage points,
 *                       sum_i contrib[i*n+t] = growth[t]
 * NaN where undefined (t - lag before the first value).  contrib may be NULL.
 *
 * Fixed-base (GSO definition, domain.md §1.2 item 8, checked on the GSO
 * Feb-2023 release §1.3-F):
 *   C_{i,t} = 100 w_i (I_{i,t} - I_{i,t-k}) / sum_j w_j I_{j,t-k}
 *   = component's share of last period's weighted level x its growth.
 * Annual-overlap (IMF QNA Manual 2017 §8 "contributions to percent change
 * from chain-linked measures", Example 8.9; derivation in libforecast/contrib.c,
 * checked against a price x quantity formulation in tests/test_aggregate.c):
 * with W = w_{.,y-1}, W' = w_{.,y-2} (the weights of the links of years y
 * and y-1; for y-1 = y0 the first year's own weights) and L' the links of
 * year y-1:
 *   t-k in the same year y:
 *     C_{i,t} = 100 W_i (L_{i,t} - L_{i,t-k}) / L_{t-k}
 *   t-k in year y-1 (across the year boundary; year-on-year when k = s):
 *     C_{i,t} = r W_i (L_{i,t} - 100) + 100 W'_i (L̄'_i - L'_{i,t-k}) / L'_{t-k}
 *     with r = Ī_{y-1} / I_{t-k} and L̄'_i the mean of i's links over y-1.
 *   lag must then be 1..s (FC_EINVAL otherwise). */
fc_status fc_aggregate_contrib_lag(const fc_aggregate *a, size_t lag, double *growth,
                                   double *contrib, fc_error *err);

/* Year-to-date: growth[t] = 100 (sum_{m<=M} I_{y,m} / sum_{m<=M} I_{y-1,m} - 1)
 * for t = period M of year y, computed from levels (domain.md §1.2 item 9),
 * and each component's contribution.  Fixed-base: the formula above with the
 * periods' sums in place of single levels (GSO "N tháng so với cùng kỳ").
 * Annual-overlap: the year-boundary formula above with the means of the
 * links over periods 1..M in place of single links, r = Ī_{y-1} / mean of
 * I over periods 1..M of y-1.  NaN in the first year. */
fc_status fc_aggregate_contrib_ytd(const fc_aggregate *a, double *growth, double *contrib,
                                   fc_error *err);

/* Annual growth of complete year `year` over year-1 (annual means) and
 * contributions (contrib has ncomponents entries, may be NULL).
 * Annual-overlap: C_i = W_i (L̄_{i,y} - 100) (IMF QNA 2017 §8).
 * Fixed-base: C_i = 100 w_i (Ī_{i,y} - Ī_{i,y-1}) / sum_j w_j Ī_{j,y-1}.
 * FC_ERANGE when either year is not complete in the index. */
fc_status fc_aggregate_contrib_annual(const fc_aggregate *a, int year, double *growth,
                                      double *contrib, fc_error *err);

/* Level-based "share of change" over any span (BEA 1995, "dollar-
 * denominated" levels; domain.md §1.2 item 8 and §1.3-E): component i's
 * level at t is its value at the base period b times its chain-index ratio,
 *   level_i = value_b[i] * index_t[i] / index_b[i]   (same for the total),
 * and its share of the total's change is
 *   share[i] = 100 (level_i - value_b[i]) / (level_T - total_value_b)  percent.
 * Chain-linked components do not add up, so the shares leave a residual:
 *   *residual = 100 - sum_i share[i]  (percent; BEA prints it as a line).
 * A component subtracted from the total (imports in GDP) is given with a
 * negative value_b.  levels (k entries) and residual may be NULL.  Indices
 * must be > 0 and the total must change (FC_EDOMAIN otherwise). */
fc_status fc_aggregate_share_of_change(size_t k, const double *value_b, const double *index_b,
                                       const double *index_t, double total_value_b,
                                       double total_index_b, double total_index_t,
                                       double *levels, double *share, double *residual,
                                       fc_error *err);

/* ---------------------------------------------------------- chain-linking
 * Chain-linking of ONE series of link indices, its inverse, re-referencing
 * and splicing (chain.c).  NaN is rejected (FC_EMISSING) except by
 * fc_chain_rebase; values used as divisors must be > 0 (FC_EDOMAIN).
 *
 * Link conventions (input of fc_chain_link, output of fc_chain_unlink):
 *  ANNUAL_OVERLAP      each year's values relative to the previous year's
 *                      mean of the chain = 100 (IMF QNA 2017 §8; Bundesbank
 *                      KIX "chaining"): I_t = L_t Ī_{y-1} / 100.  Years used
 *                      as overlaps must be complete (FC_ESHORT otherwise).
 *  ONE_PERIOD_OVERLAP  each year's values relative to the last period of the
 *                      previous year (December / Q4) = 100 (Statistics
 *                      Finland's December linking, domain.md §1.3-A):
 *                      I_t = L_t I_{last(y-1)} / 100.
 *  OVER_THE_YEAR       each value relative to the same period of the
 *                      previous year = 100: I_t = L_t I_{t-s} / 100.
 * The first calendar year (the first s values for over-the-year) is the
 * starting level and passes through unchanged, so link(unlink(I)) = I. */
typedef enum {
    FC_CHAIN_ANNUAL_OVERLAP = 0,
    FC_CHAIN_ONE_PERIOD_OVERLAP = 1,
    FC_CHAIN_OVER_THE_YEAR = 2
} fc_chain_method;

fc_status fc_chain_link(const fc_series *links, fc_chain_method method, fc_series **out,
                        fc_error *err);
fc_status fc_chain_unlink(const fc_series *chain, fc_chain_method method, fc_series **out,
                          fc_error *err);

/* Mean of s over calendar year `year`; FC_ERANGE / FC_EMISSING when the
 * year is not complete. */
fc_status fc_chain_annual_mean(const fc_series *s, int year, double *mean, fc_error *err);

/* Re-referencing (domain.md §1.2 item 6): out_t = 100 s_t / Ī_{year}.
 * Growth rates are unchanged.  NaN outside the reference year passes
 * through; the reference year must be complete. */
fc_status fc_chain_rebase(const fc_series *s, int reference_year, fc_series **out,
                          fc_error *err);

/* Splicing an old-base and a new-base series (MOSPI "linking factor",
 * Statistics Finland December linking; domain.md §1.3-A/B).
 * Linking factor f = mean of OLD over the overlap / mean of NEW over it
 * (MOSPI: average 2004-05 IIP on base 1993-94 / 100 = 2.111).
 * Overlap: overlap_year (a calendar year both cover completely), or the
 * single period overlap_period when use_overlap_period is set; default
 * (overlap_year 0, no period): the first complete calendar year in common.
 * Result on the NEW base (default): NEW wherever NEW has values, OLD / f
 * before NEW starts.  With keep_old_base: OLD wherever OLD has values,
 * NEW x f after OLD ends.  Both need the same frequency and must leave no
 * gap; NaN only outside the part of a series that is used. */
typedef struct {
    int overlap_year;
    int use_overlap_period;
    fc_period overlap_period;
    int keep_old_base;
} fc_splice_options;

fc_splice_options fc_splice_options_default(void);

fc_status fc_chain_linking_factor(const fc_series *old_base, const fc_series *new_base,
                                  const fc_splice_options *opt, double *factor, fc_error *err);
fc_status fc_chain_splice(const fc_series *old_base, const fc_series *new_base,
                          const fc_splice_options *opt, fc_series **out, fc_error *err);

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
