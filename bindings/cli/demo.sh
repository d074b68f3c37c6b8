#!/bin/sh
# `make demo`: what an analyst looks at first, on the bundled data.
# Usage: sh bindings/cli/demo.sh PATH/TO/forecast
# Each section is a shell function called at the bottom; add new sections
# (projection, report, chart) the same way.
set -eu
forecast=${1:?usage: demo.sh PATH/TO/forecast}
data=${DATASETS:-datasets}
iip=$data/vietnam_iip_total_level_reconstructed.csv
exports=$data/vietnam_exports_total_first_release.csv
imports=$data/vietnam_imports_total_first_release.csv

# One line per series: latest month's level, m/m, y/y and YTD y/y (percent),
# read from the CSV of `forecast growth` (empty cell = not defined).
latest_month_line() {
    label=$1 file=$2 unit=$3
    "$forecast" growth "$file" | awk -F, -v label="$label" -v unit="$unit" '
        function pct(x) { return x == "" ? "n/a" : sprintf("%+.1f%%", x) }
        END { printf "  %-24s %-8s %10.1f %-11s %8s %8s %9s\n",
                     label, $1, $2, unit, pct($3), pct($4), pct($5) }'
}

section_latest_month() {
    echo "== Latest month (m/m, y/y and year-to-date growth vs same period last year)"
    printf "  %-24s %-8s %10s %-11s %8s %8s %9s\n" "series" "month" "level" "" "m/m" "y/y" "YTD y/y"
    latest_month_line "Vietnam IIP (total)" "$iip" "index"
    latest_month_line "Vietnam exports" "$exports" "mn USD"
    latest_month_line "Vietnam imports" "$imports" "mn USD"
    echo "  (IIP level is DERIVED from GSO's published indices, 2020 = 100; trade = first releases; see datasets/README.md)"
}

section_iip_recent() {
    echo
    echo "== Vietnam IIP, last 6 months and last 4 quarters (forecast growth --format text --quarterly)"
    "$forecast" growth --format text --quarterly "$iip" | sed -n '2p' | sed 's/^/  /'
    "$forecast" growth --format text --quarterly "$iip" | grep -v -- '-Q' | tail -n 6 | sed 's/^/  /'
    "$forecast" growth --format text --quarterly "$iip" | grep -- '-Q' | tail -n 4 | sed 's/^/  /'
}

# The quarter the data end in (or the next one), projected with its y/y
# growth and 80% interval (forecast project --quarter: JSON, read with sed).
json_field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" | tr -d '"'; }

projection_line() {
    label=$1 file=$2 quarter=$3 flow=$4
    json=$("$forecast" project --quarter "$quarter" $flow "$file")
    printf '%s\n' "$json" | awk -v label="$label" -v q="$quarter" \
        -v lvl="$(printf '%s' "$json" | json_field level)" \
        -v yoy="$(printf '%s' "$json" | json_field yoy)" \
        -v lo="$(printf '%s' "$json" | json_field yoy_lower)" \
        -v hi="$(printf '%s' "$json" | json_field yoy_upper)" \
        -v obs="$(printf '%s' "$json" | json_field months_observed)" '
        { printf "  %-24s %-8s %12.1f %+8.1f%%   [%+.1f%%, %+.1f%%]   %s of 3 months observed\n",
                 label, q, lvl, yoy, lo, hi, obs }'
}

section_projection() {
    quarter=$("$forecast" growth "$iip" | tail -n 1 | awk -F, '{ y = substr($1, 1, 4); m = substr($1, 6, 2) + 1;
        if (m > 12) { m = 1; y++ } printf "%s-Q%d", y, int((m - 1) / 3) + 1 }')
    echo
    echo "== Quarter projection (forecast project --quarter $quarter: level, y/y growth, 80% interval)"
    printf "  %-24s %-8s %12s %9s   %-18s\n" "series" "quarter" "level" "y/y" "80% interval"
    projection_line "Vietnam IIP (mean)" "$iip" "$quarter" ""
    projection_line "Vietnam exports (mn USD)" "$exports" "$quarter" --flow
    projection_line "Vietnam imports (mn USD)" "$imports" "$quarter" --flow
}

# The paragraph a provincial Department of Industry and Trade publishes
# (forecast report: Vietnamese number format, quarters in Roman numerals).
section_report() {
    echo
    echo "== The monthly report (forecast report --lang vi / en)"
    "$forecast" report --lang vi --indicator "Chỉ số sản xuất công nghiệp (IIP)" "$iip" | sed 's/^/  /'
    "$forecast" report --lang vi --flow --indicator "Kim ngạch xuất khẩu hàng hóa" "$exports" | sed 's/^/  /'
    "$forecast" report --lang vi --flow --indicator "Kim ngạch nhập khẩu hàng hóa" "$imports" | sed 's/^/  /'
    "$forecast" report --lang en --period 2021-03 "$iip" | sed 's/^/  /'
}

# Charts are SVG files written next to the CLI (build/), by the CLI's own
# small SVG writer (bindings/cli/svg.c).
section_chart() {
    chart_dir=$(dirname "$forecast")
    "$forecast" growth --plot "$chart_dir/demo_iip_growth.svg" "$iip" >/dev/null
    "$forecast" project --horizon 12 --plot "$chart_dir/demo_exports_forecast.svg" "$exports" >/dev/null
    "$forecast" adjust --method x11 --regarima none --plot "$chart_dir/demo_exports_x11.svg" "$exports" >/dev/null
    echo
    echo "== Charts (SVG, open them in a browser):"
    echo "  $chart_dir/demo_iip_growth.svg        IIP level, y/y and m/m growth"
    echo "  $chart_dir/demo_exports_forecast.svg  exports with 12 months of forecasts and 80%/95% intervals"
    echo "  $chart_dir/demo_exports_x11.svg       exports seasonally adjusted by X-11: trend, seasonal factors, irregular"
}

section_latest_month
section_iip_recent
section_projection
section_report
section_chart
