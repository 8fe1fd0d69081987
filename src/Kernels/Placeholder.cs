namespace Handwriting.Kernels;
