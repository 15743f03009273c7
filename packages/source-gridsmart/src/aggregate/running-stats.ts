// Mean and sample standard deviation of one group's values, in constant memory, computed the way
// pandas' groupby kernels do (group_mean: Kahan-compensated sum / count; group_var: Welford's
// update) so that the 3-decimal results match upstream's even near a rounding tie.

export class RunningStats {
  /** Non-missing values seen. */
  count = 0;
  private sum = 0;
  private compensation = 0;
  private welfordMean = 0;
  private squaredDeviations = 0;

  add(value: number): void {
    this.count++;
    const corrected = value - this.compensation;
    const total = this.sum + corrected;
    this.compensation = total - this.sum - corrected;
    this.sum = total;
    const previousMean = this.welfordMean;
    this.welfordMean += (value - previousMean) / this.count;
    this.squaredDeviations += (value - this.welfordMean) * (value - previousMean);
  }

  /** NaN when there was no value. */
  mean(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }

  /** Sample standard deviation (n − 1); NaN below two values. */
  sampleStd(): number {
    return this.count < 2 ? Number.NaN : Math.sqrt(this.squaredDeviations / (this.count - 1));
  }
}
